import { useEffect, useEffectEvent } from 'react';
import type { DeskEvent, EventPayload } from '../../../common/ipc';
import { onDeskEvent } from './desk';

/** Listens to an event main pushes for as long as the component is mounted. */
export function useDeskEvent<E extends DeskEvent>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const onEvent = useEffectEvent(listener);
  useEffect(
    () =>
      onDeskEvent(event, (payload) => {
        onEvent(payload);
      }),
    [event],
  );
}
