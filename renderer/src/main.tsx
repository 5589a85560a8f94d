import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { resolveApi } from './api';
import { initTheme } from './theme';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

initTheme();
createRoot(container).render(
  <StrictMode>
    <App api={resolveApi()} />
  </StrictMode>,
);
