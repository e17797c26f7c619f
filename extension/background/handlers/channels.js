// Push channels (Apprise URLs: email, webhooks, DingTalk, WeCom, Feishu, Bark …): list, add,
// delete, send a test. The service keeps the URLs secret and answers them masked.
import { ID } from "../../lib/validate.js";
import { CHANNEL_IN } from "../../lib/vocabulary.js";
import { request } from "../client.js";

const id = { type: "string", required: true, pattern: ID };
const path = (channelId) => `/api/v1/channels/${encodeURIComponent(channelId)}`;

const list = { name: "channels.list", fields: {}, run: () => request("GET", "/api/v1/channels") };

const add = {
  name: "channels.add",
  fields: {
    ...CHANNEL_IN,
    // An Apprise URL is scheme://…; whether Apprise can send to it is the service's to say.
    url: { ...CHANNEL_IN.url, pattern: /^[a-z][a-z0-9+.-]*:\/\/\S+$/i },
  },
  run: ({ url, name }) => request("POST", "/api/v1/channels", { body: { url, ...(name ? { name } : {}) } }),
};

const remove = { name: "channels.delete", fields: { id }, run: ({ id: channelId }) => request("DELETE", path(channelId)) };
const test = { name: "channels.test", fields: { id }, run: ({ id: channelId }) => request("POST", `${path(channelId)}/test`) };

export const handlers = [list, add, remove, test];
