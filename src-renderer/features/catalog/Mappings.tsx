// A product's channel SKUs: what each marketplace calls it, so imported orders find it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

export function Mappings({ sku, manage }: { sku: string; manage: boolean }) {
  const { t } = useTranslation();
  const list = useLoad(() => call('listSkuMappings', { query: { sku } }), [sku]);
  const [channel, setChannel] = useState('');
  const [channelSku, setChannelSku] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      list.reload();
    } catch (e) {
      setError(failureText(e, { channel: t('products.channel'), channelSku: t('products.channelSku') }));
    }
  };
  const add = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('putSkuMapping', { body: { channel: channel.trim(), channelSku: channelSku.trim(), sku } });
      setChannelSku('');
    });
  };
  return (
    <section className="mappings" data-testid="mappings">
      <h3>{t('products.mappings')}</h3>
      <p className="muted small">{t('products.mappingsHint')}</p>
      {list.data && list.data.items.length === 0 && <div className="muted">{t('products.noMappings')}</div>}
      {list.data && list.data.items.length > 0 && (
        <table className="table compact">
          <thead><tr><th>{t('products.channel')}</th><th>{t('products.channelSku')}</th><th /></tr></thead>
          <tbody>
            {list.data.items.map((m) => (
              <tr key={m.channel + m.channelSku}>
                <td>{m.channel}</td><td className="mono">{m.channelSku}</td>
                <td>{manage && <button className="ghost" onClick={() => run(() => call('deleteSkuMapping', { params: { channel: m.channel, channelSku: m.channelSku } }))}>{t('products.remove')}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage && (
        <form className="form-row" onSubmit={add}>
          <input name="channel" value={channel} onChange={(e) => setChannel(e.target.value)} placeholder={t('products.channel') + ' (taobao, jd…)'} list="known-channels" autoComplete="off" />
          <datalist id="known-channels">{['taobao', 'tmall', 'jd', 'pinduoduo', 'douyin', 'shopify', 'amazon'].map((c) => <option key={c} value={c} />)}</datalist>
          <input name="channelSku" className="mono" value={channelSku} onChange={(e) => setChannelSku(e.target.value)} placeholder={t('products.channelSku')} autoComplete="off" />
          <button type="submit">{t('products.addMapping')}</button>
        </form>
      )}
      {error && <div className="alert error" role="alert">{error}</div>}
    </section>
  );
}
