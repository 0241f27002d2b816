import { mount } from 'svelte';
import App from './App.svelte';
import './ui/theme.css';

// The app mounts in a task of its own after this script's evaluation: the two together were one
// long task at a first visit (docs/design.md "Facts measured").
setTimeout(() => mount(App, { target: document.getElementById('app')! }));
