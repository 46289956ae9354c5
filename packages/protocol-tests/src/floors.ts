// Floors: per service and category, the least number of passing tests. They only rise.
import type { Category } from "./suite.js";
import { CATEGORIES } from "./suite.js";
import type { CategoryCount, Floors } from "./run.js";

/** Each category whose passing count fell below its floor, as `category passed < floor`. */
export function belowFloors(
  floors: Floors,
  serviceId: string,
  counts: Record<Category, CategoryCount>,
): string[] {
  const service = floors[serviceId] ?? {};
  return CATEGORIES.filter((category) => counts[category].passed < (service[category] ?? 0)).map(
    (category) => `${category} ${counts[category].passed} < ${service[category]}`,
  );
}

/** The floors with this run's counts where they are higher (never lower). */
export function raisedFloors(
  floors: Floors,
  serviceId: string,
  counts: Record<Category, CategoryCount>,
): Floors {
  const service = { ...(floors[serviceId] ?? {}) };
  for (const category of CATEGORIES) {
    service[category] = Math.max(service[category] ?? 0, counts[category].passed);
  }
  return { ...floors, [serviceId]: service };
}
