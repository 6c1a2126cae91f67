import { Link } from '@tanstack/react-router';
import styles from './AppShell.module.css';

const ITEMS = [
  { to: '/inbox', label: 'Inbox' },
  { to: '/models', label: 'Models' },
  { to: '/search', label: 'Search' },
  { to: '/decisions', label: 'Decisions' },
  { to: '/audit', label: 'Audit' },
  { to: '/settings', label: 'Settings' },
] as const;

/** The screens; the current one (or the one it belongs to) carries aria-current="page". */
export function PrimaryNav() {
  return (
    <nav aria-label="Primary" className={styles.nav}>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.to}>
            <Link to={item.to} className={styles.navLink}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
