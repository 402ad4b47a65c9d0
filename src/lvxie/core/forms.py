from django import forms


class ActorForm(forms.Form):
    """A form that knows who fills it in, so its choices (regions, firms) can be scoped."""

    def __init__(self, *args, actor=None, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)


class ActorModelForm(forms.ModelForm):
    """A model form that knows who fills it in. It validates only; services save."""

    def __init__(self, *args, actor=None, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)
