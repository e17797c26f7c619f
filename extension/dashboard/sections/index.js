// The dashboard's sections, in nav order. A section is {id, titleKey, mount(container, ctx)};
// reminders or refund cases arrive as one more module and one more line here.
import { section as coverages } from "./coverages.js";
import { section as pending } from "./pending.js";
import { section as plans } from "./plans.js";
import { section as transfer } from "./transfer.js";

export const SECTIONS = [coverages, plans, pending, transfer];
