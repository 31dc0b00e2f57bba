// On an order's page: which rules fired and why, its tags, the note for the packer, and rule holds.
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';

export function OrderRules({ orderId, version }: { orderId: string; version: number }) {
  const { t } = useTranslation();
  const r = useLoad(() => call('orderRules', { params: { id: orderId } }), [orderId, version]);
  const d = r.data;
  if (!d) return null;
  return (
    <div className="order-rules" data-testid="order-rules">
      <h3>{t('orderRules.title')}</h3>
      {d.fired.length === 0 && <div className="muted small">{t('orderRules.none')}</div>}
      <ul>
        {d.fired.map((f) => (
          <li key={f.ruleId}>
            <b>{f.name}</b>: {f.why.map((w) => `${t(`rules.kinds.${w.kind}`)} ${w.detail}`).join(' · ')}
          </li>
        ))}
      </ul>
      {d.holds.map((h) => (
        <div key={h.ruleId} className={`small hold-${h.state}`}>
          {t('orderRules.held', { name: h.name, type: t(`rules.holdTypes.${h.type}`) })} · {t('orderRules.heldSince', { time: formatTime(h.heldAt) })}
          {h.state === 'held' ? (h.releaseAt ? ` · ${t('orderRules.releaseAt', { time: formatTime(h.releaseAt) })}` : '') : ` · ${t(`orderRules.${h.state}`)}`}
        </div>
      ))}
      {d.tags.length > 0 && <div className="small">{t('orderRules.tags')}: {d.tags.map((x) => <span key={x} className="badge">{x}</span>)}</div>}
      {d.packerNote && <div className="small">{t('orderRules.packerNote')}: {d.packerNote}</div>}
      {/* an order the rules never acted on (it came before any rule, or none ever applied) has no count to show */}
      {d.evaluations > 0 && <div className="muted small">{t('orderRules.evaluations', { count: d.evaluations })}</div>}
    </div>
  );
}
