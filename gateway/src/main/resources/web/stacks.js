// The pages that mail links open: they read the one-time token from the address and call the API.
(function () {
  const token = new URLSearchParams(window.location.search).get('token');
  const status = document.getElementById('status');

  function show(message, kind) {
    status.textContent = message;
    status.className = kind;
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      const fields = answer.errors ? Object.values(answer.errors).join('; ') : '';
      throw new Error(fields || answer.detail || 'the request failed (' + response.status + ')');
    }
    return answer;
  }

  if (!token) {
    show('This link has no token: open the link from your e-mail again.', 'error');
    const form = document.getElementById('reset-form');
    if (form) form.hidden = true;
    return;
  }

  if (document.body.dataset.page === 'verify') {
    post('/user/verify', { token })
      .then(account => show('Your account ' + account.username + ' is confirmed. You can sign in now.', 'ok'))
      .catch(error => show('Your account could not be confirmed: ' + error.message + '.', 'error'));
  }

  if (document.body.dataset.page === 'reset') {
    const form = document.getElementById('reset-form');
    form.addEventListener('submit', event => {
      event.preventDefault();
      const password = form.password.value;
      if (password !== form.repeat.value) {
        show('The two passwords differ.', 'error');
        return;
      }
      post('/reset/confirm', { token, password })
        .then(answer => {
          form.hidden = true;
          show('The password of ' + answer.username + ' is changed. Sign in with the new one.', 'ok');
        })
        .catch(error => show('The password was not changed: ' + error.message + '.', 'error'));
    });
  }
})();
