/**
 * Thin trigger: OneKosmosStepUpGate holds Account saves to the active step-up policies for Account.
 */
trigger OneKosmosAccountStepUpTrigger on Account(before insert, before update) {
  OneKosmosStepUpGate.enforce(Trigger.new, Trigger.oldMap);
}
