import './lib/zod-config.js';
import { mount } from 'svelte';
import './theme.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
mount(App, { target });
