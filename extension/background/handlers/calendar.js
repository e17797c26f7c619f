// The account's calendar feed: its secret address (made absolute against the service URL, ready
// to paste into a calendar app) and a new secret, after which the old address answers 404.
import { request } from "../client.js";
import { getSettings } from "../storage.js";

async function absolute(answer) {
  const { serviceUrl } = await getSettings();
  return { ...answer, url: new URL(answer.url, `${serviceUrl}/`).href };
}

const get = { name: "calendar.get", fields: {}, run: async () => absolute(await request("GET", "/api/v1/calendar")) };
const rotate = { name: "calendar.rotate", fields: {}, run: async () => absolute(await request("POST", "/api/v1/calendar/rotate")) };

export const handlers = [get, rotate];
