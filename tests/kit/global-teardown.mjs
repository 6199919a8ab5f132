export default async function globalTeardown() {
  await globalThis.__HUB_PG__?.stop();
}
