/**
 * Thin trigger: all logic lives in OneKosmosVerificationGuard, which rejects every write not made by
 * OneKosmosVerificationService.
 */
trigger OneKosmosVerificationTrigger on OneKosmos_Verification__c(
  before insert,
  before update,
  before delete
) {
  OneKosmosVerificationGuard.handle(
    Trigger.operationType,
    Trigger.new,
    Trigger.old
  );
}
