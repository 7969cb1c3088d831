import './styles.css';
import { startDashboard } from './dashboard/shell';
import { startKiosk } from './kiosk/kiosk';

// One page, two faces: /kiosk/{dealershipId} is a dealership's workshop-floor screen, anything else the dashboard.
const root = document.getElementById('app')!;
const kiosk = /^\/kiosk\/([^/]+)\/?$/.exec(window.location.pathname);
if (kiosk) {
  startKiosk(root, decodeURIComponent(kiosk[1]));
} else {
  startDashboard(root);
}
