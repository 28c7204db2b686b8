/**
 * Thin trigger: OneKosmosStepUpGate holds Case saves to the active step-up policies for Case.
 */
trigger OneKosmosCaseStepUpTrigger on Case(before insert, before update) {
  OneKosmosStepUpGate.enforce(Trigger.new, Trigger.oldMap);
}
