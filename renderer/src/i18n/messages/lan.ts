// Messages of the LAN access card (About page, door chooser over http): https addresses for the
// door tablets, the certificate's fingerprint and download.
export const zh = {
  'lan.title': '局域网与平板接入',
  'lan.notServing': '本机目前只在本机地址提供服务，局域网内的平板和其他电脑无法接入。需要时请以局域网方式启动：npm run serve -- --host 0.0.0.0',
  'lan.httpsOff': '未启用 HTTPS（启动时使用了 --no-https）：平板浏览器将无法使用摄像头拍照。',
  'lan.none': '本机没有局域网 IPv4 地址（网线或无线网络未连接？）',
  'lan.addresses': '平板地址',
  'lan.addresses.hint': '在门口平板的浏览器中输入 https 地址：浏览器只在 HTTPS 下允许使用摄像头。',
  'lan.http': 'http（只转到 https，并提供证书下载）',
  'lan.fingerprint': '考点根证书指纹（SHA-256）',
  'lan.fingerprint.hint': '在平板上安装前查看下载的证书（或浏览器提示“连接不是私密连接”时查看证书链最上层的 Exam-Site Console LAN CA），逐组核对此指纹，一致后再安装或继续访问。',
  'lan.validTo': '根证书有效期至',
  'lan.download': '下载考点根证书（.crt）',
  'lan.installLabel': '在平板上安装',
  'lan.install':
    '每台平板安装一次考点根证书后不再提示，本机换了 IP 地址也无需重装：安卓在“设置 → 安全 → 加密与凭据 → 安装证书 → CA 证书”中选择下载的文件；iPad 用 Safari 打开下载地址，在“设置 → 通用 → VPN 与设备管理”中安装，再到“关于本机 → 证书信任设置”中开启完全信任；Windows 双击证书，安装到“受信任的根证书颁发机构”。平板也可直接打开 {url} 下载。',
  'lan.door.title': '当前地址不能使用摄像头',
  'lan.door.body': '此页面通过 http 打开，浏览器不允许使用摄像头，签到将没有现场照片。请在平板浏览器中改用以下 https 地址：',
  'lan.door.noHttps': '此页面通过 http 打开，浏览器不允许使用摄像头。请联系考点负责人以局域网 HTTPS 方式启动考点通。',
  'lan.door.open': '用 HTTPS 打开',
  'door.camera.insecureHttps': '此地址不能使用摄像头，请改用 {url} 打开',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'lan.title': 'LAN and tablets',
  'lan.notServing': 'This console serves this PC only; tablets and other PCs on the LAN cannot reach it. To open it to the LAN, start it with: npm run serve -- --host 0.0.0.0',
  'lan.httpsOff': 'HTTPS is off (started with --no-https): tablet browsers cannot use the camera.',
  'lan.none': 'This PC has no LAN IPv4 address (cable or Wi-Fi not connected?)',
  'lan.addresses': 'Addresses for tablets',
  'lan.addresses.hint': 'Type the https address in the door tablet’s browser: browsers allow the camera only over HTTPS.',
  'lan.http': 'http (redirects to https; certificate download)',
  'lan.fingerprint': 'Site CA fingerprint (SHA-256)',
  'lan.fingerprint.hint': 'Before installing, view the downloaded certificate on the tablet (or, when the browser warns that the connection is not private, the top of the certificate chain, Exam-Site Console LAN CA) and compare this fingerprint group by group.',
  'lan.validTo': 'Site CA valid until',
  'lan.download': 'Download the site CA (.crt)',
  'lan.installLabel': 'Install on tablets',
  'lan.install':
    'Install the site CA once per tablet and the warning goes away, even after this PC gets a new IP address: on Android, Settings → Security → Encryption & credentials → Install a certificate → CA certificate; on iPad, open the download in Safari, install it under Settings → General → VPN & Device Management, then turn on full trust under About → Certificate Trust Settings; on Windows, open it and install it into “Trusted Root Certification Authorities”. A tablet can also open {url} to download it.',
  'lan.door.title': 'No camera at this address',
  'lan.door.body': 'This page was opened over http, where browsers do not allow the camera: check-ins will have no photo. Open the https address on the tablet instead:',
  'lan.door.noHttps': 'This page was opened over http, where browsers do not allow the camera. Ask the site head to start the console with LAN HTTPS.',
  'lan.door.open': 'Open over HTTPS',
  'door.camera.insecureHttps': 'No camera at this address: open {url} instead',
};
