export interface PricePlan {
  pricePlanId: string;
  supplier: string;
  /** Price per kWh. */
  unitRate: number;
}

/** The three demo plans of the product's seed document. */
export const DEFAULT_PRICE_PLANS: readonly PricePlan[] = [
  { pricePlanId: 'price-plan-0', supplier: "Dr Evil's Dark Energy", unitRate: 10 },
  { pricePlanId: 'price-plan-1', supplier: 'The Green Eco', unitRate: 2 },
  { pricePlanId: 'price-plan-2', supplier: 'Power for Everyone', unitRate: 1 },
];
