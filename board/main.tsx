import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import * as z from 'zod';
import { App } from './App';
import { initBoardI18n } from './i18n/i18n';
import './styles.css';

// zod's JIT probes `new Function`, which the board's CSP (no 'unsafe-eval') refuses.
z.config({ jitless: true });
initBoardI18n();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
