import { Link, Outlet } from '@tanstack/react-router';
import { Screen } from '../../ui';
import styles from './Settings.module.css';

const SECTIONS = [
  { to: '/settings/workstation', label: 'Workstation' },
  { to: '/settings/roster', label: 'Trust roster' },
  { to: '/settings/thresholds', label: 'Threshold sets' },
] as const;

/** Settings: one sub-route per concern, so each can be linked to. */
export function SettingsLayout() {
  return (
    <Screen title="Settings">
      <nav aria-label="Settings" className={styles.nav}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <Link to={section.to} className={styles.link}>
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </Screen>
  );
}
