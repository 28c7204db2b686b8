/**
 * Thin trigger: OneKosmosStepUpGate holds Opportunity saves to the active step-up policies for Opportunity.
 */
trigger OneKosmosOpportunityStepUpTrigger on Opportunity(
  before insert,
  before update
) {
  OneKosmosStepUpGate.enforce(Trigger.new, Trigger.oldMap);
}
