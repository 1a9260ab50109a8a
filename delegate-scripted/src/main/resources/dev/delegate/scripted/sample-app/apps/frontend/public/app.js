// Task Board: a tiny static web app. The stories are kept in memory.
const stories = [
  { id: 1, title: 'Sign in with email', status: 'Done', points: 3 },
  { id: 2, title: 'List the stories', status: 'In progress', points: 5 },
  { id: 3, title: 'Filter stories by status', status: 'To do', points: 2 },
];

function renderHeader() {
  return (
    '<header class="app-header">' +
    '<h1>Task Board</h1>' +
    '<nav class="actions">' +
    '<button class="btn" id="refresh-button">Refresh</button>' +
    '</nav>' +
    '</header>'
  );
}

function renderStories() {
  const items = stories.map(
    (story) => '<li>' + story.title + ' (' + story.status + ', ' + story.points + ' pts)</li>',
  );
  return '<ul class="stories">' + items.join('') + '</ul>';
}

function render() {
  const app = document.getElementById('app');
  app.innerHTML = renderHeader() + renderStories();
  document.getElementById('refresh-button').addEventListener('click', render);
}

document.addEventListener('DOMContentLoaded', render);
