import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { session, signOut, type SessionUser } from './api';
import { Link, match, navigate, usePath } from './router';
import { LoginPage } from './pages/LoginPage';
import { InboxPage } from './pages/InboxPage';
import { DocumentPage } from './pages/DocumentPage';
import { DraftPage } from './pages/DraftPage';
import { ClerkDeskPage } from './pages/ClerkDeskPage';
import { IncomingPage } from './pages/IncomingPage';
import { AuditSearchPage } from './pages/AuditSearchPage';
import { TaskPage, TasksPage } from './pages/TasksPage';
import { TaskReportPage } from './pages/TaskReportPage';

function App() {
  const path = usePath();
  const [user, setUser] = useState<SessionUser | null>(session()?.user ?? null);
  useEffect(() => {
    const out = () => setUser(null);
    window.addEventListener('congvan:signed-out', out);
    return () => window.removeEventListener('congvan:signed-out', out);
  }, []);
  useEffect(() => {
    if (!user && !path.startsWith('/dang-nhap')) navigate(`/dang-nhap?tiep=${encodeURIComponent(path)}`, true);
  }, [user, path]);

  if (!user || path.startsWith('/dang-nhap')) {
    return (
      <LoginPage
        onSignedIn={(u) => {
          setUser(u);
          const next = new URLSearchParams(location.search).get('tiep');
          navigate(next && next.startsWith('/') && !next.startsWith('/dang-nhap') ? next : '/', true);
        }}
      />
    );
  }
  const roles = user.roles;
  let page;
  let params: Record<string, string> | null;
  if ((params = match('/van-ban/moi', path))) page = <DraftPage user={user} />;
  else if ((params = match('/van-ban/:id/sua', path))) page = <DraftPage user={user} id={params.id} />;
  else if ((params = match('/van-ban/:id', path))) page = <DocumentPage user={user} id={params.id} />;
  else if (match('/van-thu', path)) page = <ClerkDeskPage user={user} />;
  else if (match('/van-ban-den', path)) page = <IncomingPage user={user} />;
  else if (match('/tra-cuu', path)) page = <AuditSearchPage user={user} />;
  else if (match('/nhiem-vu/bao-cao', path)) page = <TaskReportPage />;
  else if ((params = match('/nhiem-vu/:id', path))) page = <TaskPage id={params.id} />;
  else if (match('/nhiem-vu', path)) page = <TasksPage />;
  else page = <InboxPage user={user} />;

  const current = path.split('?')[0];
  const nav: Array<[string, string, boolean]> = [
    ['/', 'Hộp văn bản', true],
    ['/van-ban/moi', 'Soạn thảo', roles.includes('drafter')],
    ['/van-thu', 'Văn thư', roles.includes('clerk')],
    ['/van-ban-den', 'Văn bản đến', true],
    ['/nhiem-vu', 'Nhiệm vụ', true],
    ['/tra-cuu', 'Tra cứu nhật ký', roles.includes('archivist') || roles.includes('admin')],
  ];
  return (
    <div className="app">
      <a className="skip" href="#noi-dung">
        Bỏ qua thanh điều hướng
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Công văn
        </Link>
        <nav aria-label="Điều hướng chính">
          {nav
            .filter(([, , shown]) => shown)
            .map(([to, label]) => (
              <Link key={to} to={to} aria-current={current === to ? 'page' : undefined}>
                {label}
              </Link>
            ))}
        </nav>
        <div className="who">
          <span title={user.positionTitle}>{user.fullName}</span>
          <button
            type="button"
            className="link"
            onClick={() => {
              signOut();
              setUser(null);
              navigate('/dang-nhap', true);
            }}
          >
            Đăng xuất
          </button>
        </div>
      </header>
      <main id="noi-dung" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
