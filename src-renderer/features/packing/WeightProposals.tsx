import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { call, failureText } from '../../lib/api';
import { useLoad, useChangeFeed } from '../../lib/hooks';

// Unit weights the scale taught: parcels whose only unweighed item was this SKU. A lead confirms
// (or corrects) each one before it becomes the SKU's weight and starts checking parcels.
export function WeightProposals({ role }: { role: Role }) {
  const { t } = useTranslation();
  const list = useLoad(() => call('listWeightProposals'), []);
  const [edit, setEdit] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const may = role === 'lead' || role === 'admin';
  useChangeFeed((e) => {
    if (e.type.startsWith('parcel.') || e.type.startsWith('sku.') || e.type.startsWith('weight')) list.reload();
  });
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  const act = (p: Promise<unknown>) => p.then(() => (setError(null), list.reload()), (e: unknown) => setError(failureText(e)));
  return (
    <section className="weight-proposals" data-testid="weight-proposals">
      <h3>{t('weights.title')}</h3>
      <p className="muted small">{t('weights.hint')}</p>
      {error && <div className="alert error">{error}</div>}
      <table className="table compact">
        <thead><tr><th>SKU</th><th>{t('orders.name')}</th><th className="num">{t('weights.proposed')}</th><th className="num">{t('weights.range')}</th><th className="num">{t('weights.samples')}</th>{may && <th />}</tr></thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.skuId} data-sku={p.sku}>
              <td className="mono">{p.sku}</td>
              <td>{p.name}</td>
              <td className="num">
                {may ? (
                  <input className="grams" inputMode="numeric" aria-label={t('weights.proposed')} value={edit[p.skuId] ?? String(p.proposedG)} onChange={(e) => setEdit({ ...edit, [p.skuId]: e.target.value })} />
                ) : `${p.proposedG} g`}
              </td>
              <td className="num">{p.minG}–{p.maxG} g</td>
              <td className="num">{p.samples}</td>
              {may && (
                <td className="actions">
                  <button className="primary" onClick={() => act(call('acceptWeightProposal', { params: { skuId: p.skuId }, body: { grams: Number(edit[p.skuId] ?? p.proposedG) } }))}>{t('weights.accept')}</button>
                  <button onClick={() => act(call('rejectWeightProposal', { params: { skuId: p.skuId }, body: {} }))}>{t('weights.reject')}</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
