import type { ContentPartView, MessageView } from '../../../../common/transcripts';
import { FoldedText } from './FoldedText';
import styles from './Sample.module.css';

/** A sample's messages, each an article a search hit can land on (id message-N). */
export function MessageList({
  messages,
  find,
  current,
}: {
  readonly messages: readonly MessageView[];
  readonly find: string | undefined;
  /** The message in view (a search hit, a cited route). */
  readonly current: number | undefined;
}) {
  if (messages.length === 0) return <p>This sample has no messages.</p>;
  return (
    <ol className={styles.messages} aria-label="Messages">
      {messages.map((message) => (
        <li key={message.index}>
          <article
            id={`message-${message.index}`}
            tabIndex={-1}
            aria-label={`Message ${message.index + 1}, ${message.role}`}
            className={`${styles.message} ${styles[`role-${message.role}`] ?? ''} ${
              current === message.index ? styles.current : ''
            }`}
          >
            <header className={styles.messageHead}>
              <strong>{roleLabel(message)}</strong>
              <span className={styles.meta}>
                #{message.index + 1}
                {message.model !== null && ` · ${message.model}`}
                {message.toolCallId !== null && ` · answers call ${message.toolCallId}`}
              </span>
            </header>
            {message.parts.map((part, i) => (
              <Part key={i} part={part} find={find} label={`message ${message.index + 1}`} />
            ))}
            {message.toolCalls.map((call, i) => (
              <section
                key={i}
                className={styles.toolCall}
                aria-label={`Tool call ${call.function}`}
              >
                <h4 className={styles.toolName}>
                  Tool call <code>{call.function}</code>
                  {call.id !== null && <span className={styles.meta}> {call.id}</span>}
                </h4>
                <FoldedText
                  text={call.arguments}
                  find={find}
                  label={`the arguments of ${call.function}`}
                />
              </section>
            ))}
            {message.error !== null && (
              <div className={styles.error}>
                <strong>Tool error</strong>
                <FoldedText text={message.error} find={find} label="the tool error" />
              </div>
            )}
          </article>
        </li>
      ))}
    </ol>
  );
}

function roleLabel(message: MessageView): string {
  if (message.role === 'tool')
    return `Tool output${message.function ? ` of ${message.function}` : ''}`;
  return message.role.charAt(0).toUpperCase() + message.role.slice(1);
}

function Part({
  part,
  find,
  label,
}: {
  readonly part: ContentPartView;
  readonly find: string | undefined;
  readonly label: string;
}) {
  switch (part.kind) {
    case 'text':
      return <FoldedText text={part.text} find={find} label={label} />;
    case 'reasoning':
      return (
        <details className={styles.reasoning}>
          <summary>{part.redacted ? 'Reasoning (redacted by the provider)' : 'Reasoning'}</summary>
          {part.text === '' ? (
            <p>No summary was given.</p>
          ) : (
            <FoldedText text={part.text} find={find} label={`the reasoning of ${label}`} />
          )}
        </details>
      );
    case 'media':
      return <p className={styles.meta}>[{part.label}: not shown; the viewer shows text only]</p>;
    case 'tool-use':
      return (
        <section className={styles.toolCall} aria-label={`Server tool ${part.name}`}>
          <h4 className={styles.toolName}>
            Server tool <code>{part.name}</code>
          </h4>
          <FoldedText text={part.arguments} find={find} label={`the arguments of ${part.name}`} />
          <FoldedText text={part.result} find={find} label={`the result of ${part.name}`} />
        </section>
      );
  }
}
