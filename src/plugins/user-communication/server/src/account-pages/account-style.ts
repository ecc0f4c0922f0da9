export const ACCOUNT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: #f6f6f9; color: #32324d;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; padding: 16px; }
.card { background: #fff; width: 100%; max-width: 440px; padding: 32px; border-radius: 8px; box-shadow: 0 1px 4px rgba(33, 33, 52, 0.1); }
h1 { font-size: 22px; margin: 0 0 12px; }
label { display: block; font-weight: 600; font-size: 14px; margin-top: 16px; }
input { display: block; width: 100%; margin-top: 4px; padding: 10px 12px; font: inherit; border: 1px solid #c0c0cf; border-radius: 4px; }
input:focus { outline: 2px solid #4945ff; outline-offset: 1px; }
button { margin-top: 20px; width: 100%; padding: 12px; font: inherit; font-weight: 600; color: #fff; background: #4945ff; border: 0; border-radius: 4px; cursor: pointer; }
button:disabled { opacity: 0.6; cursor: default; }
.help { font-size: 13px; color: #666687; margin: 4px 0 0; }
.error { font-size: 13px; color: #d02b20; margin: 4px 0 0; min-height: 0; }
.error:empty { display: none; }
#status.problem { color: #d02b20; }
a { color: #4945ff; }
`;
