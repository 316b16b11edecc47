// Where each line's units come from: pure planning over stock levels read beforehand, used by reserving
// (./reservations.ts) and by selling a released reservation again (./commit.ts). A plan is only a
// proposal: the guarded updates decide, and a lost race re-plans what is missing from a fresh read.

export interface StockLevel {
  levelId: string;
  variantId: string;
  locationId: string;
  /** onHand - reserved, as last read. */
  available: number;
}

export interface StockNeed {
  /** Position of the line in the caller's list. */
  index: number;
  variantId: string;
  quantity: number;
}

export interface PlannedAllocation {
  index: number;
  levelId: string;
  variantId: string;
  locationId: string;
  quantity: number;
}

export interface AllocationPlan {
  allocations: PlannedAllocation[];
  short: { index: number; variantId: string; requested: number; available: number }[];
}

/**
 * Where to take each line from. `levels` must be in location priority order (best first). Preference:
 * 1. one location holding every line (one parcel);
 * 2. otherwise each line from the first location that holds all of it;
 * 3. otherwise the line split across locations in priority order.
 */
export function planAllocation(needs: readonly StockNeed[], levels: readonly StockLevel[]): AllocationPlan {
  const locations = [...new Set(levels.map((level) => level.locationId))];
  const levelAt = (variantId: string, locationId: string) =>
    levels.find((level) => level.variantId === variantId && level.locationId === locationId);

  for (const locationId of locations) {
    const left = new Map<string, number>();
    const fits = needs.every((need) => {
      const level = levelAt(need.variantId, locationId);
      if (!level) return false;
      const available = left.get(level.levelId) ?? level.available;
      left.set(level.levelId, available - need.quantity);
      return available >= need.quantity;
    });
    if (fits) {
      return {
        allocations: needs.map((need) => {
          const level = levelAt(need.variantId, locationId) as StockLevel;
          return {
            index: need.index,
            levelId: level.levelId,
            variantId: need.variantId,
            locationId,
            quantity: need.quantity,
          };
        }),
        short: [],
      };
    }
  }

  const left = new Map(levels.map((level) => [level.levelId, Math.max(0, level.available)]));
  const plan: AllocationPlan = { allocations: [], short: [] };
  for (const need of needs) {
    const options = levels.filter((level) => level.variantId === need.variantId);
    const total = options.reduce((sum, level) => sum + (left.get(level.levelId) ?? 0), 0);
    if (total < need.quantity) {
      plan.short.push({ index: need.index, variantId: need.variantId, requested: need.quantity, available: total });
      continue;
    }
    const whole = options.find((level) => (left.get(level.levelId) ?? 0) >= need.quantity);
    const take = (level: StockLevel, quantity: number) => {
      left.set(level.levelId, (left.get(level.levelId) ?? 0) - quantity);
      plan.allocations.push({
        index: need.index,
        levelId: level.levelId,
        variantId: need.variantId,
        locationId: level.locationId,
        quantity,
      });
    };
    if (whole) {
      take(whole, need.quantity);
      continue;
    }
    let missing = need.quantity;
    for (const level of options) {
      const quantity = Math.min(missing, left.get(level.levelId) ?? 0);
      if (quantity > 0) take(level, quantity);
      missing -= quantity;
      if (missing === 0) break;
    }
  }
  return plan;
}
