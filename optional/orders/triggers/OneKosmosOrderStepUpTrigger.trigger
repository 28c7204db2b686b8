/**
 * Thin trigger: OneKosmosStepUpGate holds Order saves to the active step-up policies for Order. Lives in the optional
 * orders folder because a trigger on Order cannot deploy to an org without Orders.
 */
trigger OneKosmosOrderStepUpTrigger on Order(before insert, before update) {
  OneKosmosStepUpGate.enforce(Trigger.new, Trigger.oldMap);
}
