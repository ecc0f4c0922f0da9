import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ACCOUNT_STATUSES } from '@shared/contracts/account-status';
import { AUDIT_ACTIONS } from '@shared/contracts/audit';
import { FEEDBACK_KINDS, FEEDBACK_SOURCES } from '@shared/contracts/delivery';
import { DROP_STEPS, FUNNEL_STEPS } from '@shared/contracts/funnel';
import { MESSAGE_STATUSES, MESSAGE_TYPES } from '@shared/contracts/messages';
import { ORIGINS, RESEND_REASONS, SCIM_CHANGES } from '@shared/contracts/users';
import { LABELS } from '../../../src/plugins/user-communication/admin/src/utils/labels';

const ADMIN_SRC = path.resolve(__dirname, '../../../src/plugins/user-communication/admin/src');
const EN_JSON = path.join(ADMIN_SRC, 'translations', 'en.json');

/** The one place that may call formatMessage, and the one that builds ids at run time (from LABELS). */
const TRANSLATE_HOOK = 'utils/useTranslate.ts';
const LABEL_HOOK = 'utils/useLabel.ts';

/**
 * Ids built at run time, `${family}.${key}`: the keys each family must have, from the shared
 * contracts (a delivered message shows as "captured" when it went to a local file).
 */
const RUNTIME_FAMILIES: Record<keyof typeof LABELS, readonly string[]> = {
  type: MESSAGE_TYPES,
  status: [...MESSAGE_STATUSES, 'captured'],
  origin: ORIGINS,
  feedback: FEEDBACK_KINDS,
  'feedback-source': FEEDBACK_SOURCES,
  'scim-change': SCIM_CHANGES,
  'resend.reason': RESEND_REASONS,
  'resend.count': RESEND_REASONS,
  'account-status': ACCOUNT_STATUSES,
  'funnel.step': FUNNEL_STEPS,
  'funnel.drop': DROP_STEPS,
  'audit.action': AUDIT_ACTIONS,
};

/** Props and fields whose string is shown to the admin or read out by a screen reader. */
const VISIBLE_PROPS = new Set([
  'aria-label',
  'alt',
  'clearLabel',
  'closeLabel',
  'confirmLabel',
  'content',
  'description',
  'errorsHeader',
  'frameTitle',
  'hint',
  'label',
  'message',
  'offLabel',
  'onLabel',
  'placeholder',
  'subtitle',
  'title',
]);

interface Message {
  id: string;
  defaultMessage: string;
  where: string;
}

const hasLetter = (text: string) => /\p{L}/u.test(text);

const literalText = (node: ts.Node | undefined): string | null =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;

const nameOf = (name: ts.PropertyName | ts.JsxAttributeName): string =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText();

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });

/** Reads every admin source: the messages it writes out, and what breaks the rules. */
const scanAdmin = () => {
  const messages: Message[] = [];
  const problems: string[] = [];

  for (const file of sourceFiles(ADMIN_SRC)) {
    const relative = path.relative(ADMIN_SRC, file).split(path.sep).join('/');
    const source = ts.createSourceFile(
      file,
      fs.readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
    );
    const where = (node: ts.Node) =>
      `${relative}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

    const visitCall = (call: ts.CallExpression) => {
      if (!ts.isIdentifier(call.expression)) return;
      const callee = call.expression.text;
      if (callee === 'formatMessage' && relative !== TRANSLATE_HOOK)
        problems.push(`${where(call)}: formatMessage outside ${TRANSLATE_HOOK}; use t()`);
      if (callee === 'getTranslation' && !relative.startsWith('utils/')) {
        const property = call.parent;
        const descriptor = ts.isPropertyAssignment(property) ? property.parent : undefined;
        if (!descriptor || !ts.isObjectLiteralExpression(descriptor))
          problems.push(`${where(call)}: getTranslation outside a descriptor; use t()`);
      }
      if (callee !== 't') return;
      const [idNode, defaultNode] = call.arguments;
      const id = literalText(idNode);
      const defaultMessage = literalText(defaultNode);
      if (id === null) {
        if (relative !== LABEL_HOOK)
          problems.push(`${where(call)}: t() with an id built at run time; use useLabel()`);
        return;
      }
      if (defaultMessage === null)
        problems.push(`${where(call)}: t('${id}') needs its English text written out`);
      else messages.push({ id, defaultMessage, where: where(call) });
    };

    // `{ id: getTranslation('x'), defaultMessage: '…' }`: what Strapi's settings links take.
    const visitDescriptor = (object: ts.ObjectLiteralExpression) => {
      const property = (name: string) =>
        object.properties.find(
          (candidate): candidate is ts.PropertyAssignment =>
            ts.isPropertyAssignment(candidate) && nameOf(candidate.name) === name
        )?.initializer;
      const idCall = property('id');
      if (!idCall || !ts.isCallExpression(idCall)) return;
      if (!ts.isIdentifier(idCall.expression) || idCall.expression.text !== 'getTranslation')
        return;
      const id = literalText(idCall.arguments[0]);
      const defaultMessage = literalText(property('defaultMessage'));
      if (id === null || defaultMessage === null)
        problems.push(`${where(object)}: a descriptor needs its id and English text written out`);
      else messages.push({ id, defaultMessage, where: where(object) });
    };

    const visitVisibleString = (name: string, value: ts.Node | undefined, node: ts.Node) => {
      const text = literalText(value);
      if (VISIBLE_PROPS.has(name) && text !== null && hasLetter(text))
        problems.push(`${where(node)}: "${text}" in ${name} is not translated`);
    };

    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) visitCall(node);
      if (ts.isObjectLiteralExpression(node) && relative !== TRANSLATE_HOOK) visitDescriptor(node);
      if (ts.isJsxText(node) && hasLetter(node.text))
        problems.push(`${where(node)}: "${node.text.trim()}" in JSX is not translated`);
      if (ts.isJsxExpression(node) && ts.isJsxElement(node.parent)) {
        const text = literalText(node.expression);
        if (text !== null && hasLetter(text))
          problems.push(`${where(node)}: "${text}" in JSX is not translated`);
      }
      if (ts.isJsxAttribute(node)) {
        const value =
          node.initializer && ts.isJsxExpression(node.initializer)
            ? node.initializer.expression
            : node.initializer;
        visitVisibleString(nameOf(node.name), value, node);
      }
      if (ts.isPropertyAssignment(node))
        visitVisibleString(nameOf(node.name), node.initializer, node);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages, problems };
};

const en = JSON.parse(fs.readFileSync(EN_JSON, 'utf8')) as Record<string, string>;
const { messages, problems } = scanAdmin();

const runtimeMessages = (): Message[] =>
  Object.entries(LABELS).flatMap(([family, texts]) =>
    Object.entries(texts as Record<string, string>).map(([key, defaultMessage]) => ({
      id: `${family}.${key}`,
      defaultMessage,
      where: `utils/labels.ts (${family})`,
    }))
  );

describe('admin translations', () => {
  it('reads the admin sources', () => {
    expect(messages.length).toBeGreaterThan(100);
  });

  it('translates every visible string with t() or a label, ids written out', () => {
    expect(problems).toEqual([]);
  });

  it('builds ids at run time only for the keys of the shared lists', () => {
    for (const [family, keys] of Object.entries(RUNTIME_FAMILIES)) {
      const texts = LABELS[family as keyof typeof LABELS] as Record<string, string>;
      expect({ family, keys: Object.keys(texts).sort() }).toEqual({
        family,
        keys: [...keys].sort(),
      });
    }
    expect(Object.keys(LABELS).sort()).toEqual(Object.keys(RUNTIME_FAMILIES).sort());
  });

  it('has every id in en.json with the English text the code gives', () => {
    const wrong = [...messages, ...runtimeMessages()]
      .filter(({ id, defaultMessage }) => en[id] !== defaultMessage || defaultMessage === id)
      .map(({ id, defaultMessage, where }) => ({ where, id, code: defaultMessage, en: en[id] }));
    expect(wrong).toEqual([]);
  });

  it('gives one id one English text', () => {
    const texts = new Map<string, Set<string>>();
    for (const { id, defaultMessage } of messages)
      texts.set(id, (texts.get(id) ?? new Set()).add(defaultMessage));
    const conflicting = [...texts].filter(([, set]) => set.size > 1).map(([id]) => id);
    expect(conflicting).toEqual([]);
  });

  it('has no key in en.json that nothing uses', () => {
    const used = new Set([...messages, ...runtimeMessages()].map(({ id }) => id));
    expect(Object.keys(en).filter((id) => !used.has(id))).toEqual([]);
  });
});
