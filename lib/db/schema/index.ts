export * from "./auth";
export * from "./plans";
export * from "./payment-methods";
export * from "./subscriptions";
export * from "./subscription-event-types";
export * from "./charges";
export * from "./operations";
export * from "./legal";
