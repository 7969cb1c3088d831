/** Stops the engine the set-up started: its process group, by the id it recorded. */
export default async function teardown(): Promise<void> {
  const pid = Number(process.env.PITSTOP_ENGINE_PID);
  if (pid > 0) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}
