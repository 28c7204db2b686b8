/**
 * Thin trigger: OneKosmosVerificationAuditHandler writes the audit Task for each verification the events name. Runs as
 * the subscriber user that npm run setup configures (PlatformEventSubscriberConfig).
 */
trigger OneKosmosVerificationResultTrigger on OneKosmos_Verification_Result__e(
  after insert
) {
  OneKosmosVerificationAuditHandler.handle(Trigger.new);
}
