import './zod-config';
import './ui/tokens.css';
import './ui/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { createDeskRouter, initialPath } from './app';
import { createDeskQueryClient, watchSessionIdentity } from './desk';

const queryClient = createDeskQueryClient();
watchSessionIdentity(queryClient);
const router = createDeskRouter(initialPath(window.location.hash));

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
