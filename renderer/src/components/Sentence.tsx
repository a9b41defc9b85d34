import { Box } from '@mui/material';
import type { SentencePart } from '../../../shared/format/audit-sentence';

/** A sentence whose names are emphasised; every part is rendered as text, never markup. */
export function Sentence({ parts }: { parts: SentencePart[] }) {
  return (
    <Box component="span" sx={{ overflowWrap: 'anywhere' }}>
      {parts.map((part, i) =>
        part.emphasis ? (
          <Box component="strong" key={i} sx={{ fontWeight: 600 }}>
            {part.text}
          </Box>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </Box>
  );
}
