// Every message the extension understands, by name. A new feature adds its module here.
import { handlers as account } from "./account.js";
import { handlers as calendar } from "./calendar.js";
import { handlers as catalog } from "./catalog.js";
import { handlers as channels } from "./channels.js";
import { handlers as claims } from "./claims.js";
import { handlers as coverages } from "./coverages.js";
import { handlers as page } from "./page.js";
import { handlers as panel } from "./panel.js";
import { handlers as queue } from "./queue.js";
import { handlers as refunds } from "./refunds.js";
import { handlers as reminders } from "./reminders.js";
import { handlers as settings } from "./settings.js";

export const HANDLERS = [...page, ...panel, ...catalog, ...coverages, ...queue, ...settings,
  ...reminders, ...account, ...calendar, ...channels, ...refunds, ...claims];
