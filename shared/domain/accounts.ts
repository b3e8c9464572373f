/** Who a meter belongs to and which plan it is billed on. */
export interface Account {
  smartMeterId: string;
  /** Absent while the customer has not chosen a plan. */
  pricePlanId?: string;
}

/** The five demo customers of the seed document (Sarah, Peter, Charlie, Andrea, Alex). */
export const DEMO_ACCOUNTS: readonly Account[] = [
  { smartMeterId: 'smart-meter-0', pricePlanId: 'price-plan-0' },
  { smartMeterId: 'smart-meter-1', pricePlanId: 'price-plan-1' },
  { smartMeterId: 'smart-meter-2', pricePlanId: 'price-plan-0' },
  { smartMeterId: 'smart-meter-3', pricePlanId: 'price-plan-2' },
  { smartMeterId: 'smart-meter-4', pricePlanId: 'price-plan-1' },
];
