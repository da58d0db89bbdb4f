/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import preact from "@preact/preset-vite";
import { VitePWA } from "vite-plugin-pwa";

const backend = process.env.BOTSCHAFT_BACKEND ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [
    preact(),
    // An installable app: manifest, icons, and a service worker (Workbox) that keeps the shell
    // (HTML, scripts, styles, icons) so the app opens at once and says when it is offline.
    // API answers are never cached: personal data stays on the server.
    VitePWA({
      registerType: "autoUpdate",
      injectRegister: "script", // /registerSW.js, not an inline script (CSP script-src 'self')
      includeAssets: ["favicon.svg", "icons/apple-touch-icon.png"],
      manifest: {
        name: "Botschaft",
        short_name: "Botschaft",
        description: "Corporate-Influencer-Programme: Beiträge erfassen, Lernreise, Termine, Kennzahlen",
        lang: "de",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#0b2e4f",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
        // "Share → Botschaft" from the LinkedIn, Instagram or TikTok app opens "log this post".
        share_target: { action: "/share", method: "GET", params: { title: "title", text: "text", url: "url" } },
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,woff2}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // No inline scripts or module-preload polyfill: the CSP is script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: { "/api": { target: backend, changeOrigin: false } },
  },
  preview: {
    proxy: { "/api": { target: backend, changeOrigin: false } },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
