// The pure side of reminders in the browser: which due reminders notify, the badge, quiet hours,
// snooze days, and the options page's lead-day list.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  badgeText, clockIn, dayAfter, inQuietHours, parseLeadDays, plan, settle, withoutQueued,
} from "../lib/reminders.js";
import { validate } from "../lib/validate.js";
import { ACCOUNT_CHANGES, COVERAGE_CHANGES } from "../lib/vocabulary.js";

const r = (id, coverage = "cov-1") => ({ id, coverage_id: coverage, kind: "manufacturer_end", title: id, message: "" });

test("each due reminder notifies once; one no longer due is cleared and forgotten", () => {
  const first = plan([r("a"), r("b")], {}, { now: 1 });
  assert.deepEqual(first.notify.map((x) => x.id), ["a", "b"]);
  assert.deepEqual(first.shown, { a: 1, b: 1 });

  const again = plan([r("a"), r("b")], first.shown, { now: 2 });
  assert.deepEqual(again.notify, [], "never shown twice");
  assert.deepEqual(again.shown, { a: 1, b: 1 }, "first time kept");

  const afterAck = plan([r("b"), r("c")], again.shown, { now: 3 });
  assert.deepEqual(afterAck.notify.map((x) => x.id), ["c"]);
  assert.deepEqual(afterAck.gone, ["a"]);
  assert.deepEqual(afterAck.shown, { b: 1, c: 3 });
});

test("a snoozed reminder notifies again when it is due again", () => {
  const shown = plan([r("a")], {}, { now: 1 }).shown;
  const snoozed = plan([], shown, { now: 2 });
  assert.deepEqual(snoozed.gone, ["a"]);
  const back = plan([r("a")], snoozed.shown, { now: 3 });
  assert.deepEqual(back.notify.map((x) => x.id), ["a"]);
});

test("quiet hours and a missing permission hold notifications back without losing them", () => {
  const quiet = plan([r("a")], {}, { now: 1, quiet: true });
  assert.deepEqual(quiet.notify, []);
  assert.deepEqual(quiet.shown, {}, "not marked shown, so it shows after quiet hours");
  const noPermission = plan([r("a")], {}, { now: 1, allowed: false });
  assert.deepEqual(noPermission.shown, {});
  assert.deepEqual(plan([r("a")], quiet.shown, { now: 2 }).notify.map((x) => x.id), ["a"]);
});

test("acknowledged or snoozed offline: left out until the queue has sent it", () => {
  const queue = [
    { kind: "reminder.ack", body: { id: "a" }, state: "pending" },
    { kind: "reminder.snooze", body: { id: "b", until: "2026-12-01" }, state: "pending" },
    { kind: "reminder.ack", body: { id: "c" }, state: "rejected" },
    { kind: "coverage.create", body: { id: "d" }, state: "pending" },
  ];
  assert.deepEqual(withoutQueued([r("a"), r("b"), r("c"), r("d")], queue).map((x) => x.id), ["c", "d"]);
});

test("settling one reminder takes it off the due list and the shown map", () => {
  const state = { due: [r("a"), r("b")], shown: { a: 1, b: 1 }, checkedAt: 5 };
  assert.deepEqual(settle(state, "a"), { due: [r("b")], shown: { b: 1 }, checkedAt: 5 });
  assert.deepEqual(settle(state, "zzz").due.length, 2);
});

test("the badge: empty for none, the count, 99+ past 99", () => {
  assert.equal(badgeText(0), "");
  assert.equal(badgeText(1), "1");
  assert.equal(badgeText(99), "99");
  assert.equal(badgeText(100), "99+");
});

test("quiet hours in the account's zone, wrapping midnight", () => {
  const at = (iso) => new Date(iso);
  const night = { start: "22:00", end: "08:00" };
  // 15:30 UTC is 23:30 in Shanghai and 10:30 in New York (EST, UTC-5).
  assert.equal(clockIn(at("2026-11-29T15:30:00Z"), "Asia/Shanghai"), "23:30");
  assert.equal(inQuietHours(at("2026-11-29T15:30:00Z"), night, "Asia/Shanghai"), true);
  assert.equal(inQuietHours(at("2026-11-29T15:30:00Z"), night, "America/New_York"), false);
  assert.equal(inQuietHours(at("2026-11-29T00:00:00Z"), night, "Asia/Shanghai"), false, "08:00 is the end, not quiet");
  assert.equal(inQuietHours(at("2026-11-28T23:59:00Z"), night, "Asia/Shanghai"), true, "07:59");
  const lunch = { start: "12:00", end: "14:00" };
  assert.equal(inQuietHours(at("2026-11-29T05:00:00Z"), lunch, "Asia/Shanghai"), true);
  assert.equal(inQuietHours(at("2026-11-29T06:00:00Z"), lunch, "Asia/Shanghai"), false);
  assert.equal(inQuietHours(at("2026-11-29T15:30:00Z"), null, "Asia/Shanghai"), false);
  assert.equal(clockIn(at("2026-11-29T15:30:00Z"), "Not/AZone"), "15:30", "a bad zone falls back to UTC");
});

test("a snooze's day is counted from today in the account's zone, across month and leap day", () => {
  // 2026-11-29 20:00 UTC is already 30 November in Shanghai.
  assert.equal(dayAfter(new Date("2026-11-29T20:00:00Z"), 7, "Asia/Shanghai"), "2026-12-07");
  assert.equal(dayAfter(new Date("2026-11-29T20:00:00Z"), 7, "America/Los_Angeles"), "2026-12-06");
  assert.equal(dayAfter(new Date("2028-02-25T12:00:00Z"), 7, "UTC"), "2028-03-03");
  assert.equal(dayAfter(new Date("2028-02-22T12:00:00Z"), 7, "UTC"), "2028-02-29");
});

test("lead days from the options page's text", () => {
  assert.deepEqual(parseLeadDays("30, 7, 0"), [30, 7, 0]);
  assert.deepEqual(parseLeadDays("7 30 7，0"), [30, 7, 0]);
  assert.deepEqual(parseLeadDays(""), []);
  assert.equal(parseLeadDays("30, soon"), null);
  assert.equal(parseLeadDays("-1"), null);
  assert.equal(parseLeadDays("1.5"), null);
});

test("account changes are checked against the service's limits before they leave", () => {
  const ok = { lead_days: [30, 7, 0], time_zone: "Asia/Shanghai", quiet_hours: { start: "22:00", end: "08:00" }, language: "en" };
  assert.deepEqual(validate(ok, ACCOUNT_CHANGES), []);
  assert.deepEqual(validate({ quiet_hours: null }, ACCOUNT_CHANGES), []);
  const fields = (payload) => validate(payload, ACCOUNT_CHANGES).map((e) => e.field);
  assert.deepEqual(fields({ lead_days: [1, 2, 3, 4, 5, 6] }), ["lead_days"]);
  assert.deepEqual(fields({ lead_days: [366] }), ["lead_days.0"]);
  assert.deepEqual(fields({ lead_days: [-1] }), ["lead_days.0"]);
  assert.deepEqual(fields({ quiet_hours: { start: "24:00", end: "8:00" } }), ["quiet_hours.start", "quiet_hours.end"]);
  assert.deepEqual(fields({ language: "zh_CN" }), ["language"]);
  assert.deepEqual(validate({ reminders_muted: true }, COVERAGE_CHANGES), []);
});
