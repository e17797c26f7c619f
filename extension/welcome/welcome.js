// First run: says plainly what the extension reads and sends, and whether this browser is
// registered with the service yet (registering is one click when the service was not running).
import { call, describeError, setup } from "../lib/page.js";

const { t, settings } = await setup();
const line = document.getElementById("registration");
const button = document.getElementById("register");

async function show() {
  const { auth } = await call("device.status");
  line.textContent = auth ? t("welcomeRegistered", auth.serviceUrl) : t("welcomeNotRegistered", settings.serviceUrl);
  button.hidden = Boolean(auth);
}

button.addEventListener("click", async () => {
  try {
    await call("device.register");
  } catch (error) {
    line.textContent = describeError(t, error);
    return;
  }
  await show();
});

show();
