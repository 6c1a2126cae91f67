import type { ButtonHTMLAttributes, Ref } from 'react';
import styles from './Button.module.css';

export type ButtonVariant = 'primary' | 'secondary' | 'link' | 'bar';

export interface ButtonProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'className' | 'style'
> {
  /** primary: the screen's main action; link: an action inside text or a table; bar: the app bar. */
  readonly variant?: ButtonVariant;
  readonly ref?: Ref<HTMLButtonElement>;
}

export function Button({ variant = 'secondary', type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={styles[variant]} {...props} />;
}
