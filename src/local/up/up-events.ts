// What `slipway up` itself reports, besides its services' events: background work that failed
// after its API call had answered, and the project's stack being brought up to date.

/** An event of the running `up`. */
export type UpEvent =
  | { type: 'up.task.failed'; name: string; error: string }
  | { type: 'up.project.synced'; stackName: string; status: string; reason?: string }
  | { type: 'up.project.failed'; stackName: string; error: string };
