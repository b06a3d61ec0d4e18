/**
 * The API client: the bearer token of the session (sessionStorage), JSON in and out, and errors turned into
 * messages a user can read, in Vietnamese, never a blank screen.
 */
export interface SessionUser {
  id: string;
  username: string;
  fullName: string;
  positionTitle: string;
  roles: string[];
  agencyId: string;
  unitId: string | null;
}

const TOKEN = 'congvan.token';
const REFRESH = 'congvan.refresh';
const USER = 'congvan.user';

export function session(): { token: string; user: SessionUser } | null {
  const token = sessionStorage.getItem(TOKEN);
  const user = sessionStorage.getItem(USER);
  return token && user ? { token, user: JSON.parse(user) as SessionUser } : null;
}

export function signOut(): void {
  const refreshToken = sessionStorage.getItem(REFRESH);
  // The server ends the session too; nothing to wait for.
  if (refreshToken) void fetch('/api/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken }) }).catch(() => undefined);
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(REFRESH);
  sessionStorage.removeItem(USER);
}

interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

function keep(s: Session): void {
  sessionStorage.setItem(TOKEN, s.accessToken);
  sessionStorage.setItem(REFRESH, s.refreshToken);
  sessionStorage.setItem(USER, JSON.stringify(s.user));
}

/** One renewal at a time: requests that meet an expired token together wait for the same one. */
let renewing: Promise<boolean> | null = null;

/** A new access token for the refresh token (access tokens last minutes); false when the session is over. */
function renew(): Promise<boolean> {
  renewing ??= (async () => {
    const refreshToken = sessionStorage.getItem(REFRESH);
    if (!refreshToken) return false;
    try {
      const res = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
      if (!res.ok) return false;
      keep((await res.json()) as Session);
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    renewing = null;
  });
  return renewing;
}

/** fetch with the session's token; an expired token is renewed once and the request made again. */
async function authorized(path: string, init: RequestInit = {}): Promise<Response> {
  const send = () => {
    const token = sessionStorage.getItem(TOKEN);
    return fetch(`/api${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  };
  const res = await send();
  if (res.status === 401 && !path.startsWith('/auth/') && (await renew())) return send();
  return res;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(apiMessage);
  }
}

const FIELD_LABELS: Record<string, string> = {
  comment: 'Ý kiến',
  subject: 'Trích yếu',
  body: 'Nội dung',
  addressees: 'Nơi nhận (Kính gửi)',
  signerId: 'Người ký',
  reason: 'Lý do',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  type: 'Loại văn bản',
  file: 'Tệp đính kèm',
  text: 'Kết quả thực hiện',
  files: 'Tệp minh chứng',
  tasks: 'Bảng nhiệm vụ',
  rows: 'Bảng nhiệm vụ',
  unitId: 'Đơn vị',
};

/** What to tell the user about a failed request. */
export function messageOf(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.';
  const details = err.details ?? {};
  switch (err.status) {
    case 400: {
      const fields = (details.fields as Array<{ field: string; reason: string }> | undefined) ?? [];
      const names = [...new Set(fields.map((f) => FIELD_LABELS[f.field.split('.')[0]] ?? f.field))];
      return names.length ? `Thông tin chưa hợp lệ: ${names.join(', ')}.` : 'Thông tin chưa hợp lệ.';
    }
    case 401:
      return err.code === 'INVALID_CREDENTIALS' || err.apiMessage.toLowerCase().includes('password')
        ? 'Tên đăng nhập hoặc mật khẩu không đúng.'
        : 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';
    case 403:
      return 'Bạn không có quyền thực hiện thao tác này với văn bản.';
    case 404:
      return 'Không tìm thấy văn bản, hoặc bạn không có quyền xem văn bản này.';
    case 413:
      return 'Tệp quá lớn: hệ thống không nhận tệp vượt quá dung lượng cho phép.';
    case 409:
      if (err.code === 'STALE_VERSION') return 'Văn bản vừa được người khác cập nhật. Trang đã được tải lại, vui lòng kiểm tra và thao tác lại.';
      if (err.code === 'RECALLED') return 'Văn bản đã bị thu hồi: không thể thao tác thêm.';
      if (err.code === 'TOO_MANY_ATTACHMENTS') return 'Văn bản đã có đủ số tệp đính kèm tối đa.';
      if (err.code === 'AWAITING_DECISION') return 'Kết quả hoàn thành đã gửi đang chờ đơn vị giao nhiệm vụ đánh giá.';
      if (err.code === 'TASK_DONE') return 'Nhiệm vụ đã được công nhận hoàn thành.';
      if (err.code === 'NOTHING_OVERDUE') return 'Không có nhiệm vụ nào quá hạn để đôn đốc.';
      return 'Thao tác này không còn thực hiện được ở bước hiện tại của văn bản. Trang đã được tải lại.';
    default:
      return 'Có lỗi hệ thống. Vui lòng thử lại sau.';
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const s = session();
  let res: Response;
  try {
    res = await authorized(path, {
      method,
      headers: body !== undefined ? { 'Content-Type': 'application/json' } : {},
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error', undefined);
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    if (res.status === 401 && s) {
      signOut();
      window.dispatchEvent(new Event('congvan:signed-out'));
    }
    throw new ApiError(res.status, String(data.code ?? ''), String(data.message ?? ''), data.details as Record<string, unknown> | undefined);
  }
  return data as T;
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  const res = await api<Session>('POST', '/auth/login', { username, password });
  keep(res);
  return res.user;
}

/** Downloads a file the API serves (CSV exports) with the session's token. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await authorized(path);
  if (!res.ok) throw new ApiError(res.status, '', '', undefined);
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Uploads one file as multipart/form-data field `file` (attachments). */
export async function upload<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return postForm<T>(path, form);
}

/** POSTs a multipart/form-data form (fields and files). */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  let res: Response;
  try {
    res = await authorized(path, { method: 'POST', body: form });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error', undefined);
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) throw new ApiError(res.status, String(data.code ?? ''), String(data.message ?? ''), data.details as Record<string, unknown> | undefined);
  return data as T;
}
