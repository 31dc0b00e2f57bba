// The Rules screen: the ordered rule list a lead edits (each change evaluates the open orders again),
// the lead's queue beside it, and the limits and presale products below.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import type { Rule, RuleBody } from '../../../src-main/contract/rules';
import { MANAGE } from '../../../src-main/contract/routing';
import { call, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { RuleEditor } from './RuleEditor';
import { LeadQueue } from './LeadQueue';
import { RuleLimitsForm } from './RuleLimitsForm';
import './rules.css';

function summary(r: Rule, tr: (k: string) => string): string {
  // Field labels without their hints: "Priority (0-9)" reads "Priority" in a summary.
  const t = (k: string) => tr(k).replace(/\s*[(（][^)）]*[)）]\s*$/, '');
  const cond = r.conditions.map((c) => `${t(`rules.kinds.${c.kind}`)}${c.op ? ` ${t(`rules.ops.${c.op}`)} ${c.number}` : ''}${c.check ? ` ${t(`rules.checks.${c.check}`)}` : ''}${c.values?.length ? `: ${c.values.join(', ')}` : ''}`);
  const a = r.actions;
  const act = [
    a.hold && `${t('rules.hold')} (${t(`rules.holdTypes.${a.hold.type}`)})`, a.warehouse && `${t('rules.warehouse')} ${a.warehouse}`, a.carrier && `${t('rules.carrier')} ${a.carrier}`, a.service && `${t('rules.service')} ${a.service}`,
    a.priority !== undefined && `${t('rules.priority')} ${a.priority}`, a.tags?.length && `${t('rules.tags')} ${a.tags.join(', ')}`, a.packerNote && `${t('rules.packerNote')}: ${a.packerNote}`,
  ].filter(Boolean);
  return `${cond.join(r.match === 'all' ? ' + ' : ' | ')} → ${act.join(' · ')}`;
}

export function Rules({ role }: { role: Role }) {
  const { t } = useTranslation();
  const canEdit = MANAGE.includes(role);
  const rules = useLoad(() => call('listRules'), []);
  const progress = useLoad(() => call('reevaluation'), []);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  useLiveReload((e) => e.entity === 'rule', () => (rules.reload(), progress.reload()));

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      setEditing(null);
      rules.reload();
      setTimeout(progress.reload, 1500);
    } catch (x) {
      setError(failureText(x));
    }
  };
  // The editor says a refusal itself, by its own labels.
  const save = async (r: RuleBody) => {
    await (editing === 'new' ? call('createRule', { body: r }) : call('updateRule', { params: { id: (editing as Rule).id }, body: r }));
    setEditing(null);
    rules.reload();
    setTimeout(progress.reload, 1500);
  };
  const items = rules.data?.items ?? [];
  const p = progress.data;

  return (
    <section className="pane rules-screen">
      <div className="rules-main">
        <header className="row">
          <h2>{t('rules.title')}</h2>
          <span className="spacer" />
          {canEdit && !editing && <button className="primary" onClick={() => (setError(null), setEditing('new'))}>{t('rules.add')}</button>}
        </header>
        <p className="muted small">{t('rules.intro')}</p>
        {p && (p.state === 'running'
          ? <div className="muted small" data-testid="reevaluation">{t('rules.reevaluating', { done: p.done, total: p.total })}</div>
          : p.finishedAt && <div className="muted small" data-testid="reevaluation">{t('rules.reevaluated', { changed: p.changed, ms: p.ms })}</div>)}
        {editing === 'new' && <RuleEditor rule={null} onSave={save} onCancel={() => setEditing(null)} />}
        {items.length === 0 && <div className="muted">{t('rules.none')}</div>}
        <ol className="rule-list" data-testid="rule-list">
          {items.map((r, i) => (
            <li key={r.id} className={r.enabled ? '' : 'off'}>
              {editing !== 'new' && editing?.id === r.id
                ? <RuleEditor rule={r} onSave={save} onCancel={() => setEditing(null)} />
                : (
                  <div className="rule-row">
                    <span className="pos">{r.position}</span>
                    <div className="grow">
                      <b>{r.name}</b> {!r.enabled && <span className="badge">{t('rules.disabled')}</span>}
                      <div className="small muted">{summary(r, t)}</div>
                    </div>
                    {canEdit && !editing && (
                      <span className="buttons">
                        <button className="ghost" disabled={i === 0} onClick={() => act(() => call('moveRule', { params: { id: r.id }, body: { position: r.position - 1 } }))}>{t('rules.up')}</button>
                        <button className="ghost" disabled={i === items.length - 1} onClick={() => act(() => call('moveRule', { params: { id: r.id }, body: { position: r.position + 1 } }))}>{t('rules.down')}</button>
                        <button className="secondary" onClick={() => (setError(null), setEditing(r))}>{t('rules.edit')}</button>
                        <button className="danger" onClick={() => act(() => call('deleteRule', { params: { id: r.id } }))}>{t('rules.delete')}</button>
                      </span>
                    )}
                  </div>
                )}
            </li>
          ))}
        </ol>
        {!editing && error && <div className="alert error" role="alert">{error}</div>}
        <RuleLimitsForm canEdit={canEdit} />
      </div>
      <aside className="rules-side">
        <LeadQueue />
      </aside>
    </section>
  );
}
