// The simulated Kuaidi100's account, as an admin sets it for a carrier (tests point it at the local peer).
import { PEER_CUSTOMER, PEER_KEY, PEER_SECRET } from '../../../src-main/demo/kuaidi100-peer';

export const accountBody = (peerUrl: string, over: Record<string, unknown> = {}) => ({
  source: 'kuaidi100', template: 'cn-ewaybill-76x130', apiBase: peerUrl, pollBase: peerUrl, key: PEER_KEY, secret: PEER_SECRET, customer: PEER_CUSTOMER,
  partnerId: 'ZTO-0001', service: '标准快递', payType: 'MONTHLY', timeoutMs: 2000, ...over,
});

