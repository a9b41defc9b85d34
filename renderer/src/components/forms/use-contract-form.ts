import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError, errorMessage } from '../../api/api-error';

/**
 * Every dialog and settings form: react-hook-form over the contract's own schema, so a field
 * says exactly what the core would say, as the operator types. A refused save puts the core's
 * field messages on their fields and keeps the rest as one message for the form.
 */
export function useContractForm<In extends FieldValues, Out extends FieldValues>(
  schema: z.ZodType<Out, In>,
  defaultValues: DefaultValues<In>,
  /** The fields the form shows, when it does not show every value it sends. */
  shown: string[] = Object.keys(defaultValues),
) {
  const form = useForm<In, unknown, Out>({ resolver: zodResolver(schema), defaultValues, mode: 'onChange' });
  const [formError, setFormError] = useState<string | null>(null);

  /** Runs `save` with the parsed values; a refusal lands on the fields it names, or in `formError`. */
  const submitWith = (save: (values: Out) => Promise<unknown>) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      try {
        await save(values);
      } catch (err) {
        setFormError(applyServerErrors(form, shown, err));
      }
    });

  return { form, formError, clearFormError: () => setFormError(null), submitWith };
}

/** Puts a failed call's field messages on the form's fields; returns what is left to say, or null. */
function applyServerErrors<In extends FieldValues, Out extends FieldValues>(
  form: UseFormReturn<In, unknown, Out>,
  shown: string[],
  err: unknown,
): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err);
  let placed = false;
  for (const [field, message] of Object.entries(err.fields)) {
    if (!shown.includes(field.split('.')[0] ?? field)) continue;
    form.setError(field as Path<In>, { type: 'server', message }, { shouldFocus: !placed });
    placed = true;
  }
  return placed ? null : err.message;
}
