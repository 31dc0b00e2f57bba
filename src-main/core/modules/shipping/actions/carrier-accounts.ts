// Setting a carrier's account (Settings -> Carrier accounts): where its waybill numbers come from and
// which label it prints. A Kuaidi100 account needs its key, secret and carrier account before the
// bench can rely on it; a secret left out keeps the stored one (the screen never sees it again).
import type { CarrierAccount, CarrierAccountInput } from '../../../../contract/shipping';
import type { Clock } from '../../../../lib/clock';
import { fail, issue } from '../../../../lib/errors';
import { describeIssues, type FieldIssue } from '../../../../contract/errors';
import { said } from '../../../../contract/field-messages';
import type { Db } from '../../../store/db';
import { appendEvent, type Actor } from '../../../store/events';
import { carrierAccountRow, setCarrierAccountTest, upsertCarrierAccount } from '../store';
import { getCarrierAccount, KUAIDI100_API, KUAIDI100_POLL } from '../queries';

/** `warehouseId`: the warehouse the account is for ('' the shop-wide one; the caller resolved the code). */
export function putCarrierAccount(db: Db, clock: Clock, carrier: string, input: CarrierAccountInput, actor: Actor, warehouseId = ''): CarrierAccount {
  const before = carrierAccountRow(db, warehouseId, carrier);
  const secret = input.secret ?? before?.api_secret ?? '';
  const partnerKey = input.partnerKey ?? before?.partner_key ?? '';
  if (input.source === 'kuaidi100') {
    const issues: FieldIssue[] = [];
    if (!input.key) issues.push(issue('key', said('kuaidi100KeyNeeded')));
    if (!secret) issues.push(issue('secret', said('kuaidi100SecretNeeded')));
    if (!input.partnerId) issues.push(issue('partnerId', said('kuaidi100PartnerIdNeeded')));
    // its message is its issues, so the screen names each field by its label (the carrier is the form's)
    if (issues.length) fail('validation', describeIssues(issues), issues);
  }
  db.transaction(() => {
    upsertCarrierAccount(db, {
      warehouse_id: warehouseId, carrier, source: input.source, template: input.template, api_base: input.apiBase || KUAIDI100_API, poll_base: input.pollBase || KUAIDI100_POLL,
      api_key: input.key, api_secret: secret, customer: input.customer, partner_id: input.partnerId, partner_key: partnerKey, net: input.net,
      service: input.service, pay_type: input.payType, insured_yuan: input.insuredYuan, callback_url: input.callbackUrl, timeout_ms: input.timeoutMs,
      sender_name: input.sender?.name ?? '', sender_phone: input.sender?.phone ?? '', sender_address: input.sender?.address ?? '',
      updated_at: clock.iso(), updated_by: actor.id,
    });
    // The event names what changed, never a secret.
    appendEvent(db, clock, { type: 'carrier_account.set', entity: 'carrier_account', entityId: carrier, actor, data: { warehouseId: warehouseId || null, source: input.source, template: input.template, partnerId: input.partnerId, secretChanged: input.secret !== undefined } });
  }).immediate();
  return getCarrierAccount(db, warehouseId, carrier);
}

export function recordCarrierAccountTest(db: Db, clock: Clock, warehouseId: string, carrier: string, result: { ok: boolean; message: string }, actor: Actor): void {
  db.transaction(() => {
    setCarrierAccountTest(db, warehouseId, carrier, clock.iso(), result.ok, result.message);
    appendEvent(db, clock, { type: 'carrier_account.tested', entity: 'carrier_account', entityId: carrier, actor, data: { ...result, warehouseId: warehouseId || null } });
  }).immediate();
}

