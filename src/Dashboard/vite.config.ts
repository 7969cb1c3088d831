import { defineConfig } from 'vite';

// Built into the API's web root, which serves it at / and /kiosk/{dealershipId}. In development
// (`npm run dev`) the API calls go to an engine started with `dotnet run --project src/Api`.
export default defineConfig({
  build: {
    outDir: '../Api/wwwroot',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': 'http://localhost:5080' },
  },
});
