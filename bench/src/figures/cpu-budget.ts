// Figure 3's CPU budget: the load process runs on the same machine as the server, so at a given rate
// the machine's CPUs leave each request a fixed amount of CPU time for the two together. When a server
// and its load need more than that per request, that rate is out of reach here, whatever the scheduling,
// unless those costs shrink (the load's do somewhat at higher rates, as answers come in batches); the
// figure reports it so a shortfall on this machine can be told from one anywhere.

/** What a server and the load process it faced spent per request (µs of CPU, all threads). */
export interface CpuPerRequest {
  server: number;
  load: number;
}

export interface CpuBudget {
  /** The rate the budget is taken at (req/s): figure 3 takes the minimal durable server's. */
  targetRate: number;
  /** µs of CPU per request the machine has at that rate, for server and load together. */
  microsPerRequest: number;
  /** The server's and its load's CPU per request over the budget (above 1: out of reach at those costs). */
  share: number;
}

/**
 * The budget at `targetRate` req/s on `cpus` CPUs, and how much of it `spent` takes. It is an upper
 * bound: it assumes every CPU busy all the time, which requests waiting for the disk never allow.
 */
export function cpuBudget(cpus: number, targetRate: number, spent: CpuPerRequest): CpuBudget {
  if (!(cpus > 0) || !(targetRate > 0)) {
    throw new RangeError(`a CPU budget needs CPUs and a rate above 0, not ${cpus} and ${targetRate}`);
  }
  const microsPerRequest = (cpus * 1_000_000) / targetRate;
  return { targetRate, microsPerRequest, share: (spent.server + spent.load) / microsPerRequest };
}
