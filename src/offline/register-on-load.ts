// The entry of the inline script every page carries (ServiceWorkerRegistration.astro).
import { registerServiceWorker } from './register.ts';

registerServiceWorker();
