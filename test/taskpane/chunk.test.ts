import { chunk } from "../../src/taskpane/chunk";

test("a chunk is fetched once, and again only after a failed fetch", async () => {
  let calls = 0;
  const load = chunk(async () => {
    calls++;
    if (calls === 1) throw new Error("offline");
    return { calls };
  });
  await expect(load()).rejects.toThrow("offline");
  const first = await load();
  expect(await load()).toBe(first);
  expect(calls).toBe(2);
});
