/** A customer's personal API key as listed: never its secret, which is shown once when made and kept only as a hash. */
export interface PersonalKeySummary {
  keyId: string;
  /** When it was made (epoch seconds). */
  createdAt: number;
}

/** A key as stored: its summary and the SHA-256 the authorizer looks it up by. */
export interface StoredPersonalKey extends PersonalKeySummary {
  keyHash: string;
}

/** Whose a personal key is: the authorizer's one read. */
export interface PersonalKeyOwner {
  customerId: string;
  keyId: string;
}

/** Customers' personal API keys: at most a few each, made, listed and revoked only by their owner. */
export interface PersonalKeysStore {
  /**
   * Stores a new key for the customer only while they hold fewer than `max` (ConflictError otherwise): the key item
   * the authorizer reads and the customer's list change together, or neither does.
   */
  create(customerId: string, key: StoredPersonalKey, max: number): Promise<void>;
  /** The customer's keys, oldest first. */
  list(customerId: string): Promise<PersonalKeySummary[]>;
  /** Deletes one of the customer's keys; resolves false when they hold no key of that id. */
  revoke(customerId: string, keyId: string): Promise<boolean>;
}
