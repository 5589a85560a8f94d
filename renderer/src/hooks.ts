/** Small hooks for calling the API from screens: load data, poll an operation, debounce input. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentAnchorApi, OperationState } from '../../model/api';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when its dependencies change; answers to superseded requests are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (reason: unknown) => {
        if (!current) return;
        setError(messageOf(reason));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // The caller lists what `load` depends on.
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}

/** Polls an operation until it ends; `onDone` runs once with the final state. */
export function useOperation(
  api: AgentAnchorApi,
  operationId: string | undefined,
  onDone?: (state: OperationState) => void,
): { state: OperationState | undefined; error: string | undefined } {
  const [state, setState] = useState<OperationState>();
  const [error, setError] = useState<string>();
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (operationId === undefined) return;
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api.getOperation({ operationId }).then(
        (next) => {
          if (!active) return;
          setState(next);
          setError(undefined);
          if (next.status === 'running') timer = setTimeout(poll, 300);
          else done.current?.(next);
        },
        (reason: unknown) => {
          if (active) setError(messageOf(reason));
        },
      );
    };
    poll();
    return () => {
      active = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, operationId]);
  return { state, error };
}

export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** A value kept in localStorage (column choices, theme); a broken entry falls back to `initial`. */
export function useStored<T>(
  key: string,
  initial: T,
  isValid: (value: unknown) => value is T,
): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = window.localStorage.getItem(key);
      if (raw === null) return initial;
      const parsed: unknown = JSON.parse(raw);
      return isValid(parsed) ? parsed : initial;
    } catch {
      return initial;
    }
  });
  const store = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the choice lasts for this session.
      }
    },
    [key],
  );
  return [value, store];
}

export function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
