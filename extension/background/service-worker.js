// The service worker: the one place that calls the service. Listeners are registered at the top
// level, synchronously, because the worker can be stopped and restarted at any moment.
import { api } from "../lib/api.js";
import { register } from "./client.js";
import { HANDLERS } from "./handlers/index.js";
import { watchTabs } from "./handlers/page.js";
import { JOBS } from "./jobs/index.js";
import { listen as listenToNotifications, pollReminders } from "./jobs/reminders.js";
import { createRouter } from "./router.js";
import { clearTabState } from "./storage.js";

const router = createRouter(HANDLERS);

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  router.dispatch(message, sender).then(sendResponse);
  return true; // the answer comes asynchronously
});

api.alarms.onAlarm.addListener((alarm) => {
  JOBS.find((job) => job.name === alarm.name)?.run().catch(() => {});
});

// Notification clicks and buttons: listened to now when the permission is held, else from the
// moment the options page's "Turn on reminders" gets it.
listenToNotifications();
api.permissions?.onAdded?.addListener((added) => {
  if (added.permissions?.includes("notifications")) {
    listenToNotifications();
    pollReminders().catch(() => {});
  }
});

function scheduleJobs() {
  for (const job of JOBS) api.alarms.create(job.name, { periodInMinutes: job.periodInMinutes });
}

api.runtime.onInstalled.addListener(({ reason }) => {
  scheduleJobs();
  if (reason === "install") {
    // First run: register now if the service is up (else on first use) and say what we do.
    register().catch(() => {});
    api.tabs.create({ url: api.runtime.getURL("welcome/welcome.html") });
  }
});

api.runtime.onStartup.addListener(() => {
  scheduleJobs();
  for (const job of JOBS) job.run().catch(() => {});
});

watchTabs((tabId) => clearTabState(tabId).catch(() => {}));
