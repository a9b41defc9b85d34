import { useEffect, type ReactNode } from 'react';
import './page-header.css';

/**
 * Page title, one line of context, and the page's primary actions; also names the window.
 * Plain elements (page-header.css), as the shell is: every page draws one.
 */
export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: string; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} — Pooler Console`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p>{subtitle}</p>}
      </div>
      {actions && <div className="page-header-actions">{actions}</div>}
    </div>
  );
}
